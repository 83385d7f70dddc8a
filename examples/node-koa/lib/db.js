const mongoose = require('mongoose');

async function connect() {
  await mongoose.connect(process.env.MONGODB_URI);
}

const Bookmark = mongoose.model('Bookmark', new mongoose.Schema({ url: String, title: String }));

module.exports = { connect, Bookmark };
