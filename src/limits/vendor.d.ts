// rate-limiter-flexible's index loads every store it has (Mongo, MySQL, DynamoDB…); the
// connector imports the two it uses from their own files, which the package types only through
// its index.
declare module 'rate-limiter-flexible/lib/RateLimiterMemory.js' {
  import { RateLimiterMemory } from 'rate-limiter-flexible';

  export default RateLimiterMemory;
}

declare module 'rate-limiter-flexible/lib/RateLimiterRedis.js' {
  import { RateLimiterRedis } from 'rate-limiter-flexible';

  export default RateLimiterRedis;
}
