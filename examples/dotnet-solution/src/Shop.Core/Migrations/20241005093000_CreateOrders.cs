using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Shop.Core.Migrations;

public partial class CreateOrders : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "Orders",
            columns: table => new
            {
                Id = table.Column<Guid>(type: "uuid", nullable: false),
                Customer = table.Column<string>(type: "text", nullable: false),
                Total = table.Column<decimal>(type: "numeric", nullable: false),
                Status = table.Column<int>(type: "integer", nullable: false),
                PlacedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
            },
            constraints: table => table.PrimaryKey("PK_Orders", x => x.Id));
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "Orders");
    }
}
