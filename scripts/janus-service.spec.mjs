// `npm start` warns about the Debian package's own janus.service (issue #16):
// what it says for each state systemd can report.
import { DISABLE_JANUS_SERVICE, distributionJanusService } from './lib/janus-install.mjs';

/** A stand-in systemctl answering `is-enabled` and `is-active` as given, recording what it was asked. */
function systemctl(enabled, active) {
  const asked = [];
  const run = (args) => {
    asked.push(args.join(' '));
    return `${args[0] === 'is-enabled' ? enabled : active}\n`;
  };
  return { run, asked };
}

describe('npm start and the distribution’s janus.service', () => {
  it('offers the exact command to disable it when it is enabled and running', () => {
    const { run, asked } = systemctl('enabled', 'active');
    const found = distributionJanusService(run);
    expect(asked).toEqual(['is-enabled janus.service', 'is-active janus.service']);
    expect(found).toEqual(jasmine.objectContaining({ enabled: true, active: true }));
    expect(found.message).toContain('running and enabled at boot');
    expect(found.message).toContain('/etc/janus');
    expect(found.message).toContain(DISABLE_JANUS_SERVICE);
    expect(DISABLE_JANUS_SERVICE).toBe('sudo systemctl disable --now janus.service');
  });

  it('warns too when it is only enabled, or only running', () => {
    expect(distributionJanusService(systemctl('enabled', 'inactive').run).message).toContain('is enabled at boot');
    expect(distributionJanusService(systemctl('disabled', 'active').run).message).toContain('is running,');
  });

  it('says nothing once it is disabled and stopped, masked, or not installed', () => {
    expect(distributionJanusService(systemctl('disabled', 'inactive').run)).toBeNull();
    expect(distributionJanusService(systemctl('masked', 'inactive').run)).toBeNull();
    expect(distributionJanusService(systemctl('not-found', 'inactive').run)).toBeNull();
  });
});
