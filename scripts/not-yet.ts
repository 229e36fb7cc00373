/** Stands in for a command whose capability has not landed yet, and says so plainly. */
export function notThereYet(command: string, issue: string): never {
  console.log(`\`npm run ${command}\` is not there yet: it arrives with ${issue}.`);
  process.exit(0);
}
