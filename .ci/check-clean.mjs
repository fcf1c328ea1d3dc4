// Fails when the given paths differ from what is committed (including new, untracked files): generated files
// must be regenerated and committed together with the code that changes them.
import { execFileSync } from 'node:child_process';

const paths = process.argv.slice(2);
const status = execFileSync('git', ['status', '--porcelain', '--', ...paths], { encoding: 'utf8' });
if (status.trim()) {
  console.error('Generated files differ from the committed ones:\n' + status);
  console.error(execFileSync('git', ['diff', '--stat', '--', ...paths], { encoding: 'utf8' }));
  process.exit(1);
}
console.log('generated files are current');
