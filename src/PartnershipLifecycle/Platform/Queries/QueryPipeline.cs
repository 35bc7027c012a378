using System.Diagnostics;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using PartnershipLifecycle.Platform.Telemetry;

namespace PartnershipLifecycle.Platform.Queries;

/// <summary>A read of one tenant's data. Every query names its tenant; handlers open a session for it alone.</summary>
public interface ITenantQuery
{
    string TenantId { get; }
}

/// <summary>Traces every query: an activity named after the query, tagged with its tenant.</summary>
public sealed class QueryTracing<TRequest, TResponse> : IPipelineBehavior<TRequest, TResponse>
    where TRequest : IRequest<TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        using var activity = PartnershipTelemetry.Queries.StartActivity("query " + typeof(TRequest).Name);
        if (activity is not null)
        {
            activity.SetTag("query.name", typeof(TRequest).Name);
            if (request is ITenantQuery tenantQuery)
            {
                activity.SetTag("tenant.id", tenantQuery.TenantId);
            }
        }

        try
        {
            return await next();
        }
        catch (Exception e)
        {
            activity?.SetStatus(ActivityStatusCode.Error, e.Message);
            throw;
        }
    }
}

public static class QueryRegistration
{
    /// <summary>MediatR 5 wired by hand: its factory, every handler of this assembly, and the tracing behaviour.</summary>
    public static IServiceCollection AddPartnershipQueries(this IServiceCollection services)
    {
        services.AddScoped<ServiceFactory>(provider => provider.GetService!);
        services.AddScoped<IMediator, Mediator>();
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(QueryTracing<,>));

        var handlerInterface = typeof(IRequestHandler<,>);
        foreach (var type in typeof(QueryRegistration).Assembly.GetTypes().Where(t => t is { IsAbstract: false, IsInterface: false }))
        {
            foreach (var contract in type.GetInterfaces().Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == handlerInterface))
            {
                services.AddScoped(contract, type);
            }
        }

        return services;
    }
}
