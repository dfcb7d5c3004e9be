/**
 * Jobs waiting in the intake and in the queue behind it. A mover takes a batch from the
 * one to the other between any two reads, so the intake is read first: a batch moved in
 * between is then counted twice for a moment, never missed. Read the other way round, it
 * could be in neither, and an empty answer would not mean that nothing waits.
 */
export async function waitingIn(intake: () => Promise<number>, queue: () => Promise<number>): Promise<number> {
  const inIntake = await intake();
  return inIntake + (await queue());
}
