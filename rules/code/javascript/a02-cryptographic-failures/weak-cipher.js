const crypto = require('crypto');

// ruleid: DSQ-JS-0015
const c1 = crypto.createCipher('aes-256-cbc', password);
// ruleid: DSQ-JS-0015
const c2 = crypto.createCipheriv('des-ede3-cbc', key, iv);
// ruleid: DSQ-JS-0015
const c3 = crypto.createCipheriv('aes-128-ecb', key, null);
// ok: DSQ-JS-0015
const c4 = crypto.createCipheriv('aes-256-gcm', key, iv);
