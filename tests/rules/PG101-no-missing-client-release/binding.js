// PG101 — binding that follows the program, not only imports (issue 12), JavaScript.
//
// A pool or client reached through the project's own code: a function or method
// returning the pool, a field of a field, JSDoc types, a helper returning an array
// or an object, a driver loaded with import() or a loader function, a client whose
// release method is wrapped. Each leak is only visible through that binding; each
// has an ok twin (two queries, so that PG401 has nothing to say).
'use strict';

const { Pool } = require('pg');

const shared = new Pool();

function load(name) {
  return require(name);
}

function makePool() {
  return new Pool();
}

class Holder {
  constructor() {
    this.pool = new Pool();
  }
}

class Store {
  constructor() {
    this.db = new Holder();
  }

  async open() {
    return new Pool();
  }

  // a pool returned by a method of the class
  async methodPoolLeak() {
    const pool = await this.open();
    // ruleid: no-missing-client-release
    const client = await pool.connect();
    await client.query('SELECT 1');
  }

  async methodPoolOk() {
    const pool = await this.open();
    // ok: no-missing-client-release
    const client = await pool.connect();
    try {
      await client.query('SELECT 1');
      await client.query('SELECT 2');
    } finally {
      client.release();
    }
  }

  // a pool in a field of a field (`this.db.pool`)
  async nestedFieldLeak() {
    // ruleid: no-missing-client-release
    const client = await this.db.pool.connect();
    await client.query('SELECT 1');
  }

  async nestedFieldOk() {
    // ok: no-missing-client-release
    const client = await this.db.pool.connect();
    try {
      await client.query('SELECT 1');
      await client.query('SELECT 2');
    } finally {
      client.release();
    }
  }
}

// a pool returned by a function of the module
async function functionPoolLeak() {
  const pool = makePool();
  // ruleid: no-missing-client-release
  const client = await pool.connect();
  await client.query('SELECT 1');
}

// JSDoc types
/** @param {import('pg').Pool} pool */
async function jsdocParamLeak(pool) {
  // ruleid: no-missing-client-release
  const client = await pool.connect();
  await client.query('SELECT 1');
}

/**
 * @param {import("pg").Pool} pool the pool
 */
async function jsdocParamOk(pool) {
  // ok: no-missing-client-release
  const client = await pool.connect();
  try {
    await client.query('SELECT 1');
    await client.query('SELECT 2');
  } finally {
    client.release();
  }
}

async function jsdocTypeLeak() {
  /** @type {import('pg').Pool} */
  const pool = globalThis.appPool;
  // ruleid: no-missing-client-release
  const client = await pool.connect();
  await client.query('SELECT 1');
}

// helpers returning several things at once
async function checkout() {
  const client = await shared.connect();
  return [client, () => client.release()];
}

async function checkoutObject() {
  const client = await shared.connect();
  return { client, release: () => client.release() };
}

async function arrayLeak() {
  // ruleid: no-missing-client-release
  const [client, done] = await checkout();
  await client.query('SELECT 1');
  done();
}

async function arrayOk() {
  // ok: no-missing-client-release
  const [client, done] = await checkout();
  try {
    await client.query('SELECT 1');
    await client.query('SELECT 2');
  } finally {
    done();
  }
}

async function objectLeak() {
  // ruleid: no-missing-client-release
  const { client, release } = await checkoutObject();
  await client.query('SELECT 1');
  release();
}

async function objectOk() {
  // ok: no-missing-client-release
  const { client, release } = await checkoutObject();
  try {
    await client.query('SELECT 1');
    await client.query('SELECT 2');
  } finally {
    release();
  }
}

// drivers loaded dynamically
async function dynamicImportLeak() {
  const { Pool: DynPool } = await import('pg');
  const pool = new DynPool();
  // ruleid: no-missing-client-release
  const client = await pool.connect();
  await client.query('SELECT 1');
}

async function loaderLeak() {
  const pg = load('pg');
  const pool = new pg.Pool();
  // ruleid: no-missing-client-release
  const client = await pool.connect();
  await client.query('SELECT 1');
}

async function loaderOk() {
  const pg = load('pg');
  const pool = new pg.Pool();
  // ok: no-missing-client-release
  const client = await pool.connect();
  try {
    await client.query('SELECT 1');
    await client.query('SELECT 2');
  } finally {
    client.release();
  }
}

// a release method wrapped: the client is still a client
async function wrappedReleaseLeak() {
  // ruleid: no-missing-client-release
  const client = await shared.connect();
  const orig = client.release;
  client.release = (...args) => {
    console.log('released');
    return orig.apply(client, args);
  };
  await client.query('SELECT 1');
}

async function wrappedReleaseOk() {
  // ok: no-missing-client-release
  const client = await shared.connect();
  const orig = client.release;
  client.release = (...args) => {
    console.log('released');
    return orig.apply(client, args);
  };
  try {
    await client.query('SELECT 1');
    await client.query('SELECT 2');
  } finally {
    client.release();
  }
}

module.exports = {
  Store, functionPoolLeak, jsdocParamLeak, jsdocParamOk, jsdocTypeLeak, arrayLeak, arrayOk,
  objectLeak, objectOk, dynamicImportLeak, loaderLeak, loaderOk, wrappedReleaseLeak, wrappedReleaseOk,
};
