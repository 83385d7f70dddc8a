defmodule NotesWeb.Endpoint do
  use Phoenix.Endpoint, otp_app: :notes

  plug Plug.Static,
    at: "/",
    from: :notes,
    gzip: true,
    only: NotesWeb.static_paths()

  plug Plug.RequestId
  plug Plug.Telemetry, event_prefix: [:phoenix, :endpoint]

  plug Plug.Parsers,
    parsers: [:urlencoded, :multipart, :json],
    pass: ["*/*"],
    json_decoder: Phoenix.json_library()

  plug NotesWeb.Router
end
