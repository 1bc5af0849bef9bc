/** The header that carries a request's id from proxy.ts to the route, its log lines and the response. */
export const REQUEST_ID_HEADER = 'x-request-id';
