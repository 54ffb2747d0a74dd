/**
 * Progress display: a bar on a terminal (cli-progress, drawn on stderr so stdout stays clean for
 * results), nothing otherwise. Commands call `update` with a percent and a short label.
 */
import { SingleBar, Presets } from "cli-progress";

export interface Progress {
  update(percent: number, label: string): void;
  stop(): void;
}

const silent: Progress = {
  update: () => undefined,
  stop: () => undefined,
};

export function createProgress(enabled: boolean, title: string): Progress {
  if (!enabled) return silent;
  const bar = new SingleBar(
    {
      format: `${title} |{bar}| {percentage}% {label}`,
      hideCursor: true,
      clearOnComplete: false,
      stream: process.stderr,
      noTTYOutput: false,
    },
    Presets.shades_classic,
  );
  bar.start(100, 0, { label: "" });
  return {
    update(percent, label) {
      bar.update(Math.max(0, Math.min(100, Math.round(percent))), { label });
    },
    stop() {
      bar.stop();
    },
  };
}

/** "in 3m 20s" style ETA text from a completion date. */
export function etaText(estimatedCompletionOn: Date | undefined, now = Date.now()): string {
  if (estimatedCompletionOn === undefined) return "ETA unknown";
  const seconds = Math.max(0, Math.round((estimatedCompletionOn.getTime() - now) / 1000));
  const minutes = Math.floor(seconds / 60);
  return minutes > 0 ? `ETA ${minutes}m ${seconds % 60}s` : `ETA ${seconds}s`;
}
