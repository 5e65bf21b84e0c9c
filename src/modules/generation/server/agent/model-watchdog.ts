import { ModelTimeoutError } from "./errors";

/**
 * agent-kit's fetch to the model takes no timeout or abort signal, so each inference is timed
 * from outside: armed just before the request (agent onStart), disarmed when the reply arrives
 * (onResponse). `expired` rejects when one request outlives `timeoutMs`; the caller races the
 * network against it and abandons the late request.
 */
export function createModelWatchdog(timeoutMs: number) {
  let timer: NodeJS.Timeout | undefined;
  let fire!: (error: Error) => void;
  const expired = new Promise<never>((_, reject) => {
    fire = reject;
  });
  expired.catch(() => {}); // observed through the race; never an unhandled rejection

  return {
    expired,
    arm() {
      clearTimeout(timer);
      timer = setTimeout(() => fire(new ModelTimeoutError(timeoutMs)), timeoutMs);
    },
    disarm() {
      clearTimeout(timer);
    },
  };
}
