defmodule Notes.Note do
  use Ecto.Schema
  import Ecto.Changeset

  @derive {Jason.Encoder, only: [:id, :body, :inserted_at]}
  schema "notes" do
    field :body, :string
    timestamps(type: :utc_datetime)
  end

  def changeset(note, attrs) do
    note
    |> cast(attrs, [:body])
    |> validate_required([:body])
    |> validate_length(:body, max: 2000)
  end
end
