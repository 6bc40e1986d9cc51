/** Speaks prompts with the browser's speech synthesis, when there is one (not in tests, not in every browser). */
export function speak(text: string, language: string): void {
  const synth = typeof window !== 'undefined' ? window.speechSynthesis : undefined;
  if (!synth || typeof SpeechSynthesisUtterance === 'undefined' || !text.trim()) return;
  const utterance = new SpeechSynthesisUtterance(text);
  utterance.lang = language;
  synth.speak(utterance);
}

export function stopSpeaking(): void {
  if (typeof window !== 'undefined') window.speechSynthesis?.cancel();
}
