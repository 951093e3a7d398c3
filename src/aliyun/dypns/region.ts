// Where the SMS authentication service (Dypnsapi) is served: one endpoint, in the mainland.

/** The Dypnsapi endpoint. */
export const dypnsEndpoint = 'https://dypnsapi.aliyuncs.com/';
