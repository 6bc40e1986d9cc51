/** The format tag of an exported bundle (a scenario with the scenarios it references). Plain data: the CLI imports it too. */
export const BUNDLE_FORMAT = 'ivr-bundle/1';
