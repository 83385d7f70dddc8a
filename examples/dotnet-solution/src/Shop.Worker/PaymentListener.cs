using System.Text;
using Microsoft.EntityFrameworkCore;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using Shop.Core;

namespace Shop.Worker;

public sealed class PaymentListener(IServiceScopeFactory scopes, IConfiguration configuration, ILogger<PaymentListener> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var factory = new ConnectionFactory
        {
            Uri = new Uri(configuration["RABBITMQ_URL"] ?? "amqp://guest:guest@localhost:5672"),
            DispatchConsumersAsync = true,
        };
        var connection = factory.CreateConnection();
        var channel = connection.CreateModel();
        channel.QueueDeclare("payments", durable: true, exclusive: false, autoDelete: false);

        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.Received += async (_, message) =>
        {
            var orderId = Guid.Parse(Encoding.UTF8.GetString(message.Body.Span));
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<ShopDb>();
            var order = await db.Orders.FirstOrDefaultAsync(o => o.Id == orderId, stoppingToken);
            if (order is not null)
            {
                order.Status = OrderStatus.Paid;
                await db.SaveChangesAsync(stoppingToken);
                logger.LogInformation("Order {OrderId} paid", orderId);
            }
            channel.BasicAck(message.DeliveryTag, multiple: false);
        };
        channel.BasicConsume("payments", autoAck: false, consumer);

        stoppingToken.Register(() =>
        {
            channel.Close();
            connection.Close();
        });
        return Task.CompletedTask;
    }
}
