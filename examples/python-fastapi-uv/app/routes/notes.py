from fastapi import APIRouter, Depends, HTTPException
from pydantic import BaseModel, ConfigDict
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.db import get_session
from app.models import Note

router = APIRouter(prefix="/notes", tags=["notes"])


class NoteIn(BaseModel):
    title: str
    body: str = ""


class NoteOut(NoteIn):
    model_config = ConfigDict(from_attributes=True)

    id: int


@router.get("", response_model=list[NoteOut])
async def list_notes(session: AsyncSession = Depends(get_session)) -> list[Note]:
    return list(await session.scalars(select(Note).order_by(Note.id)))


@router.post("", response_model=NoteOut, status_code=201)
async def create_note(note: NoteIn, session: AsyncSession = Depends(get_session)) -> Note:
    row = Note(title=note.title, body=note.body)
    session.add(row)
    await session.commit()
    await session.refresh(row)
    return row


@router.get("/{note_id}", response_model=NoteOut)
async def get_note(note_id: int, session: AsyncSession = Depends(get_session)) -> Note:
    row = await session.get(Note, note_id)
    if row is None:
        raise HTTPException(status_code=404, detail="note not found")
    return row
