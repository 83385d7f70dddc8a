// Shared helpers for the shop services.
function log(service, message, fields = {}) {
  console.log(JSON.stringify({ service, message, ...fields, at: new Date().toISOString() }));
}

module.exports = { log };
