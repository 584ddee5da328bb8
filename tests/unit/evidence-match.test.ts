import { describe, expect, it } from 'vitest';
import { holdsEvidence } from '../../server/eval/score-cases.js';

describe('holdsEvidence (the bank finds a case\'s supporting sentence)', () => {
  it('matches the evidence however a later reader spaced the same words', () => {
    expect(holdsEvidence('用 passwd -e 用户命令强迫密码失效', 'passwd -e用户命令')).toBe(true);
    expect(holdsEvidence('package_name.conffiles list of configuration files', 'conffileslist')).toBe(true);
  });

  it('compares full-width and half-width forms alike (NFKC)', () => {
    expect(holdsEvidence('端口 ８０８０ 上', '8080')).toBe(true);
  });

  it('does not match other words', () => {
    expect(holdsEvidence('列出所有进程 ps auxf', 'ps aux -l')).toBe(false);
    expect(holdsEvidence('the ls command lists files', 'lsof')).toBe(false);
  });
});
