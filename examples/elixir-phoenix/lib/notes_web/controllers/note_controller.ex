defmodule NotesWeb.NoteController do
  use NotesWeb, :controller

  import Ecto.Query
  alias Notes.{Note, Repo}

  def index(conn, _params) do
    notes = Repo.all(from n in Note, order_by: [desc: n.inserted_at], limit: 50)
    json(conn, notes)
  end

  def create(conn, params) do
    case %Note{} |> Note.changeset(params) |> Repo.insert() do
      {:ok, note} ->
        Redix.command(:redix, ["INCR", "notes:created"])
        conn |> put_status(:created) |> json(note)

      {:error, changeset} ->
        conn |> put_status(:unprocessable_entity) |> json(%{errors: changeset.errors |> Keyword.keys()})
    end
  end
end
