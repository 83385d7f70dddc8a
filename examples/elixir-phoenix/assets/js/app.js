// Minimal client: the API is JSON, this only reports that assets loaded.
console.log("notes assets loaded");
