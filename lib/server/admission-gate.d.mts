export interface AdmissionGate {
  admit(task: (done: () => void) => void, abandoned?: () => boolean): boolean;
  readonly active: number;
  readonly waiting: number;
}
export function createAdmissionGate(options: { concurrency: number; queueLimit: number; onIdle?: () => void }): AdmissionGate;
