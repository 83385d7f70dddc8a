defmodule NotesWeb.HealthController do
  use NotesWeb, :controller

  def show(conn, _params) do
    Ecto.Adapters.SQL.query!(Notes.Repo, "SELECT 1", [])
    json(conn, %{status: "ok"})
  end
end
