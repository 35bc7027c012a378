using System.Diagnostics;
using Marten;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using PartnershipLifecycle.Platform.Telemetry;

namespace PartnershipLifecycle.Platform.Queries;

/// <summary>A read of one tenant's data. Every query names its tenant; the pipeline opens a session for it alone.</summary>
public interface ITenantQuery
{
    /// <summary>The institution whose data the query reads (the caller's <c>tenant_id</c> claim).</summary>
    string TenantId { get; }
}

/// <summary>
/// The Marten session of the query being handled: read-only, for the query's tenant only. A query handler takes
/// this in its constructor and reads <see cref="Session"/> in <c>Handle</c>; it never opens or disposes a session
/// itself. <see cref="QueryPipeline{TRequest,TResponse}"/> opens the session before the handler runs and disposes
/// it when the handler has answered.
/// </summary>
/// <remarks>
/// Why an accessor rather than an <see cref="IQuerySession"/> in the handler's constructor: Marten already
/// registers <see cref="IQuerySession"/> (for the default tenant, used elsewhere), and the tenant is known only
/// from the request, after the handler's scope exists. Scoped, like the mediator: one per HTTP request. A query
/// sent from inside a handler gets its own session and gives the outer one back when it ends.
/// </remarks>
public sealed class TenantQuerySession
{
    private IQuerySession? _session;

    /// <summary>
    /// The session of the query being handled. Throws <see cref="InvalidOperationException"/> outside a query sent
    /// through <see cref="IMediator"/>, or when the request is no <see cref="ITenantQuery"/>.
    /// </summary>
    public IQuerySession Session => _session ?? throw new InvalidOperationException(
        "No query session open: a query handler reads it while handling an ITenantQuery sent through IMediator.");

    internal IQuerySession? Replace(IQuerySession? session)
    {
        var previous = _session;
        _session = session;
        return previous;
    }
}

/// <summary>
/// What every MediatR query runs through, so that its handler is the query alone: opens a read-only session
/// for the query's tenant (<see cref="ITenantQuery.TenantId"/>) into <see cref="TenantQuerySession"/>, traces the
/// query as an activity <c>query &lt;Type&gt;</c> of <see cref="PartnershipTelemetry.Queries"/> tagged
/// <c>query.name</c> and <c>tenant.id</c> (status Error when it throws), and records its duration in seconds on
/// <see cref="PartnershipMetrics.QueryDuration"/>. A query asked to catch up (<see cref="IReadsProjections.CatchUp"/>)
/// first waits for its read models.
/// </summary>
public sealed class QueryPipeline<TRequest, TResponse>(IDocumentStore store, TenantQuerySession current, PartnershipMetrics metrics)
    : IPipelineBehavior<TRequest, TResponse>
    where TRequest : IRequest<TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var name = typeof(TRequest).Name;
        var tenant = (request as ITenantQuery)?.TenantId;
        var started = Stopwatch.GetTimestamp();
        using var activity = PartnershipTelemetry.Queries.StartActivity("query " + name);
        activity?.SetTag("query.name", name);
        activity?.SetTag("tenant.id", tenant);

        var outcome = "ok";
        // The handler reads the session inside next(); it is the query's alone, and closed when the handler has answered.
        await using var session = tenant is null ? null : store.QuerySession(tenant);
        var outer = current.Replace(session);
        try
        {
            if (session is not null && request is IReadsProjections { CatchUp: var wait } reads && wait > TimeSpan.Zero)
            {
                foreach (var readModel in reads.ReadModels)
                {
                    await ProjectionCatchUp.WaitAsync(session, readModel, wait, cancellationToken);
                }
            }

            return await next();
        }
        catch (Exception e)
        {
            outcome = "error";
            activity?.SetStatus(ActivityStatusCode.Error, e.Message);
            throw;
        }
        finally
        {
            current.Replace(outer);
            metrics.QueryHandled(name, outcome, Stopwatch.GetElapsedTime(started));
        }
    }
}

public static class QueryRegistration
{
    /// <summary>
    /// MediatR 5 wired by hand: its <see cref="ServiceFactory"/> (the request scope's provider, through which
    /// it resolves handlers and behaviours), every handler of this assembly, the <see cref="QueryPipeline{TRequest,TResponse}"/>
    /// behaviour and the <see cref="TenantQuerySession"/> it fills.
    /// </summary>
    public static IServiceCollection AddPartnershipQueries(this IServiceCollection services)
    {
        services.AddScoped<ServiceFactory>(provider => provider.GetService!);
        services.AddScoped<IMediator, Mediator>();
        services.AddScoped<TenantQuerySession>();
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(QueryPipeline<,>));

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
