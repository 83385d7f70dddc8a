import { Controller, Get, Param } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';

@Controller('users')
export class UsersController {
  constructor(private readonly config: ConfigService) {}

  @Get(':id')
  findOne(@Param('id') id: string) {
    const issuer = this.config.getOrThrow<string>('JWT_ISSUER');
    const pageSize = this.config.get<number>('USERS_PAGE_SIZE', 20);
    return { id, issuer, pageSize };
  }
}
