import Config

config :notes, Notes.Repo,
  username: "postgres",
  password: "postgres",
  hostname: "localhost",
  database: "notes_dev",
  pool_size: 10

config :notes, NotesWeb.Endpoint,
  http: [ip: {127, 0, 0, 1}, port: 4000],
  check_origin: false,
  debug_errors: true,
  secret_key_base: "dev-only-secret-key-base-that-is-at-least-sixty-four-bytes-long-0123456789"
