import Config

config :notes, Notes.Repo,
  username: "postgres",
  password: "postgres",
  hostname: "localhost",
  database: "notes_test#{System.get_env("MIX_TEST_PARTITION")}",
  pool: Ecto.Adapters.SQL.Sandbox

config :notes, NotesWeb.Endpoint,
  http: [ip: {127, 0, 0, 1}, port: 4002],
  secret_key_base: "test-only-secret-key-base-that-is-at-least-sixty-four-bytes-long-012345678",
  server: false
