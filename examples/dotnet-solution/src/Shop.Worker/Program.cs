using Microsoft.EntityFrameworkCore;
using Shop.Core;
using Shop.Worker;

var builder = Host.CreateApplicationBuilder(args);

builder.Services.AddDbContext<ShopDb>(options =>
    options.UseNpgsql(builder.Configuration.GetConnectionString("Shop")));
builder.Services.AddHostedService<PaymentListener>();

builder.Build().Run();
