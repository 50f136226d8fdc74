// BENCH_PROFILE: the bench parent asks its server child for a CPU profile of each measured route, written
// where it says (summarise a .cpuprofile with any profile viewer, e.g. Chrome's DevTools).
import fs from 'node:fs';
import inspector from 'node:inspector/promises';

export const profiler = {
  session: null as inspector.Session | null,
  async start() {
    this.session = new inspector.Session();
    this.session.connect();
    await this.session.post('Profiler.enable');
    await this.session.post('Profiler.start');
  },
  async stop(file: string) {
    const { profile } = await this.session!.post('Profiler.stop');
    fs.writeFileSync(file, JSON.stringify(profile));
    this.session!.disconnect();
  },
};
