export { getClient, getClientArrow, getClientPatiently, pool } from './pool';
export { releaseClient, commitAndRelease, withTransaction, withTransactionForgetful, countRows } from './helpers';
