defmodule NotesWeb.Router do
  use NotesWeb, :router

  pipeline :api do
    plug :accepts, ["json"]
  end

  scope "/", NotesWeb do
    get "/health", HealthController, :show
  end

  scope "/api", NotesWeb do
    pipe_through :api

    get "/notes", NoteController, :index
    post "/notes", NoteController, :create
  end
end
