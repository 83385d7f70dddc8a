import type { GoFramework } from './types.js';

/**
 * grpc-go: `grpcServer.Serve(lis)` on a `net.Listen("tcp", ":9000")` listener. The listener call
 * carries the address, so it is the listen call we read.
 */
export const grpc: GoFramework = {
  id: 'grpc',
  imports: ['google.golang.org/grpc'],
  rank: 5,
  listen: [/\bnet\.Listen\(/g],
};
