module.exports = {
  content: ["./js/**/*.js", "../lib/notes_web/**/*.ex"],
  theme: { extend: {} },
  plugins: [],
};
