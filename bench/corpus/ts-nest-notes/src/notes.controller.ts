import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import * as jwt from 'jsonwebtoken';
import { Note } from './note.model';
import { runReport } from './reports';

@Controller('notes')
export class NotesController {
  @Get()
  async list(@Query('owner') owner: string) {
    // ruleid: DSQ-JS-0002
    return Note.find({ $where: `this.owner === '${owner}'` });
  }

  @Get(':id')
  async one(@Param('id') id: string) {
    // ok: DSQ-JS-0002
    return Note.findOne({ _id: String(id) });
  }

  @Post()
  async create(@Body() body: Record<string, unknown>) {
    // ruleid: DSQ-JS-0026
    return Note.create(body);
  }

  @Post('login')
  login(@Body('user') user: string) {
    // ruleid: DSQ-JS-0016
    return jwt.sign({ sub: user }, 'notes-secret-123', { expiresIn: '1h' });
  }

  @Get('report')
  report(@Query('name') name: string, @Res() res: any) {
    return res.send(runReport(name));
  }
}
