using Microsoft.EntityFrameworkCore;

namespace Shop.Core;

public class ShopDb(DbContextOptions<ShopDb> options) : DbContext(options)
{
    public DbSet<Order> Orders => Set<Order>();
}
