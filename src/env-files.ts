// Secrets from files (Docker / compose secrets): COMPTOIR_X_FILE=/run/secrets/x sets
// COMPTOIR_X to the file's content, so a secret never has to sit in the environment or
// in compose.yaml. A variable set both ways is a configuration error.
import fs from 'node:fs';

type Env = Record<string, string | undefined>;

export function withFileSecrets(env: Env): { env: Env; problems: string[] } {
  const out: Env = { ...env };
  const problems: string[] = [];
  for (const [name, file] of Object.entries(env)) {
    if (!name.startsWith('COMPTOIR_') || !name.endsWith('_FILE') || !file) continue;
    const target = name.slice(0, -'_FILE'.length);
    if (env[target] !== undefined && env[target] !== '') {
      problems.push(`${target} and ${name} are both set; keep one`);
      continue;
    }
    try {
      out[target] = fs.readFileSync(file, 'utf8').trim();
    } catch (error) {
      problems.push(`${name}=${file}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`);
    }
  }
  return { env: out, problems };
}
