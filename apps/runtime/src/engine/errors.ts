/** Why a step was aborted: the engine tells these apart to route afterwards. */
export class HangupSignal extends Error {
  constructor(readonly hangupCause: string = 'NORMAL_CLEARING') {
    super(`the caller hung up (${hangupCause})`);
    this.name = 'HangupSignal';
  }
}

export class StepTimeout extends Error {
  constructor(readonly timeoutMs: number) {
    super(`the step took longer than ${timeoutMs} ms`);
    this.name = 'StepTimeout';
  }
}

export class EngineShutdown extends Error {
  constructor() {
    super('the runtime is shutting down');
    this.name = 'EngineShutdown';
  }
}

/** A scenario asked for cannot be run (unknown, no live version, invalid). */
export class ScenarioUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScenarioUnavailable';
  }
}
