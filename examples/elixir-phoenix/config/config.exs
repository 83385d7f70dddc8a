import Config

config :notes,
  ecto_repos: [Notes.Repo],
  generators: [timestamp_type: :utc_datetime]

config :notes, NotesWeb.Endpoint,
  url: [host: "localhost"],
  adapter: Bandit.PhoenixAdapter,
  render_errors: [formats: [json: NotesWeb.ErrorJSON], layout: false],
  pubsub_server: Notes.PubSub

config :esbuild,
  version: "0.23.1",
  notes: [
    args: ~w(js/app.js --bundle --target=es2020 --outdir=../priv/static/assets),
    cd: Path.expand("../assets", __DIR__)
  ]

config :tailwind,
  version: "3.4.13",
  notes: [
    args: ~w(--input=css/app.css --output=../priv/static/assets/app.css),
    cd: Path.expand("../assets", __DIR__)
  ]

config :logger, :console, format: "$time $metadata[$level] $message\n"
config :phoenix, :json_library, Jason

import_config "#{config_env()}.exs"
