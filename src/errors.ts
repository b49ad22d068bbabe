/** Typed errors, mapped to exit codes in one place (src/cli.ts). */

/** Wrong arguments: exit 2. `hint` is the command to run instead. */
export class UsageError extends Error {
  readonly exitCode = 2;
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

/** The command could not do its job (bad file content, nothing to do): exit 1. */
export class Failure extends Error {
  readonly exitCode = 1;
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'Failure';
  }
}

/**
 * Another command changed the roadmap while a question about it was open: the answer is not
 * applied to a roadmap the person never saw. Exit 1, nothing written.
 */
export class ChangedWhileAsked extends Failure {
  constructor() {
    super(
      'Your roadmap changed while the question was open (another roadmap command changed it), so nothing was done.',
      'Run the command again to answer about your roadmap as it is now.',
    );
    this.name = 'ChangedWhileAsked';
  }
}

/** A prompt was cancelled with Ctrl+C or EOF: exit 130, nothing written. */
export class Cancelled extends Error {
  readonly exitCode = 130;
  constructor() {
    super('Cancelled; nothing was changed.');
    this.name = 'Cancelled';
  }
}

/** The person answered no to a confirmation: exit 1, nothing written, and no "error:" label. */
export class Declined extends Failure {
  constructor(message: string) {
    super(message);
    this.name = 'Declined';
  }
}
