// Compiles the server into dist-server/ when it is missing or older than its sources, so `npm start` on a
// fresh clone starts the compiled server.
import { buildServer } from './build-server.mjs';
import { serverBuildIsFresh } from './server-build.mjs';

if (!serverBuildIsFresh()) {
  console.log('编译服务端 / compiling the server …');
  await buildServer();
}
