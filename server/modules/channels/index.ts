// The outbound channels' public face: the channel notify() delivers through, and the sending jobs.
export { outboundChannel } from './channel.outbound.ts';
export { channelsDigest, channelsDigestSchedule, channelsSend } from './channel.send.ts';
