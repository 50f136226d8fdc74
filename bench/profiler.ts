// BENCH_PROFILE: a bench server's CPU profile of one measured route, started and stopped by the parent
// (messages 'profile-start' and 'profile-stop' with the file to write); read it with any .cpuprofile viewer.
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
