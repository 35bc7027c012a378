using System.Reflection;
using System.Runtime.CompilerServices;
using JasperFx;
using JasperFx.CodeGeneration;
using JasperFx.CodeGeneration.Frames;
using JasperFx.CodeGeneration.Model;
using JasperFx.Core.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Wolverine.Http;
using Wolverine.Http.CodeGen;
using Wolverine.Http.Resources;
using Wolverine.Middleware;
using PartnershipLifecycle.Platform.Commands;
using PartnershipLifecycle.Platform.Validation;

namespace PartnershipLifecycle.Platform.Http;

/// <summary>
/// The one way a command travels (docs/architecture.md): an HTTP endpoint method named <c>Decide</c> that returns a
/// <see cref="Decision"/> is a command. Wolverine generates its handler, and this convention adds around the pure
/// <c>Decide</c>, in order:
/// <list type="number">
/// <item>the command's field rules (its nested <c>Rules</c> validator, <see cref="CommandRules"/>): 400 naming the field;</item>
/// <item><see cref="StreamCommand{TAggregate}.BeginAsync{TCommand}"/>: <c>If-Match</c>, <c>Idempotency-Key</c> (a replay answers here), correlation id;</item>
/// <item>the endpoint class's own <c>Before</c>/<c>Load</c> methods (e.g. the facts a creation decides on);</item>
/// <item>the aggregate, for a <c>Decide</c> that takes one (<see cref="IStreamAggregate"/>): loaded from the route's
/// <c>{id}</c>, or from the <see cref="StreamTarget{TAggregate}"/> a <c>Before</c> method returns, and locked;</item>
/// <item><c>Decide</c>, then <see cref="StreamCommand{TAggregate}.ConcludeAsync"/>: events and remembered answer in one
/// transaction, and the answer.</item>
/// </list>
/// A <c>Decide</c> may also take <c>DateOnly today</c> (the institution's business date, <see cref="TodayParameterStrategy"/>) and
/// route values by name. Registered three times (Wolverine takes an HTTP policy, a resource writer and a parameter strategy
/// separately); the instances share what they learn of each chain.
/// </summary>
public sealed class StreamCommandPolicy : IHttpPolicy, IResourceWriterPolicy, IParameterStrategy
{
    private static readonly ConditionalWeakTable<HttpChain, CommandShape> Shapes = new();

    private static readonly int[] Refusals =
    [
        StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden,
        StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed,
        StatusCodes.Status413PayloadTooLarge, StatusCodes.Status422UnprocessableEntity,
    ];

    /// <summary>Whether <paramref name="chain"/> is a command endpoint: its method returns a <see cref="Decision"/>.</summary>
    public static bool IsCommand(HttpChain chain) => chain.Method.Method.ReturnType == typeof(Decision);

    /// <summary>Binds a <c>Decide</c> parameter of an aggregate type to the aggregate the pipeline loads.</summary>
    public bool TryMatch(HttpChain chain, IServiceContainer container, ParameterInfo parameter, out Variable? variable)
    {
        variable = null;
        if (!IsCommand(chain) || !parameter.ParameterType.CanBeCastTo<IStreamAggregate>())
        {
            return false;
        }

        var shape = Shapes.GetValue(chain, _ => new CommandShape());
        variable = Load(chain, shape, parameter.ParameterType).ReturnVariable!;
        return true;
    }

    /// <summary>The step that loads the aggregate: from the route's <c>{id}</c>, or from the endpoint's <see cref="StreamTarget{TAggregate}"/>.</summary>
    private static MethodCall Load(HttpChain chain, CommandShape shape, Type aggregate)
    {
        if (shape.Load is not null)
        {
            return shape.Load;
        }

        shape.Aggregate = aggregate;
        var targeted = TargetedAggregate(chain) == aggregate;
        var method = typeof(StreamCommands).GetMethod(targeted ? nameof(StreamCommands.LoadTargetAsync) : nameof(StreamCommands.LoadAsync))!
            .MakeGenericMethod(aggregate);
        return shape.Load = new MethodCall(typeof(StreamCommands), method);
    }

    /// <summary>The aggregate a method of the endpoint class names a <see cref="StreamTarget{TAggregate}"/> of, if one does.</summary>
    private static Type? TargetedAggregate(HttpChain chain) =>
        chain.Method.HandlerType.GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Select(m => Unwrapped(m.ReturnType))
            .FirstOrDefault(t => t.IsGenericType && t.GetGenericTypeDefinition() == typeof(StreamTarget<>))
            ?.GetGenericArguments()[0];

    public void Apply(IReadOnlyList<HttpChain> chains, GenerationRules rules, IServiceContainer container)
    {
        foreach (var chain in chains.Where(IsCommand))
        {
            var shape = Shapes.GetValue(chain, _ => new CommandShape());
            if (shape.Load is null && TargetedAggregate(chain) is { } targeted)
            {
                // Decide reads no aggregate, but appends to the stream the endpoint names, locked like any other.
                Load(chain, shape, targeted);
            }

            var startsStream = BodyOf(chain)?.FindInterfaceThatCloses(typeof(IStartsStream<>));
            shape.Aggregate ??= startsStream?.GetGenericArguments()[0]
                ?? throw new InvalidOperationException(
                    $"{chain.Method.HandlerType.Name}.Decide decides on no aggregate: take one (e.g. Partner) or let the command implement IStartsStream<T>.");
            shape.StartsStream = startsStream is not null;
            shape.Name = BodyOf(chain)?.Name ?? chain.Method.HandlerType.Name.Replace("Endpoint", "");

            var frames = new List<Frame>();
            if (BodyOf(chain) is { } requestType && CommandRules.For(requestType) is not null)
            {
                var validate = new MethodCall(typeof(CommandRules), typeof(CommandRules).GetMethod(nameof(CommandRules.Check))!.MakeGenericMethod(requestType));
                frames.Add(validate);
                if (rules.TryFindContinuationHandler(chain, validate, out var stop))
                {
                    frames.Add(stop!);
                }
            }

            var pipelineType = typeof(StreamCommand<>).MakeGenericType(shape.Aggregate);
            var begin = BodyOf(chain) is { } bodyType
                ? new MethodCall(pipelineType, pipelineType.GetMethods().Single(m => m.Name == "BeginAsync" && m.IsGenericMethodDefinition).MakeGenericMethod(bodyType))
                : new MethodCall(pipelineType, pipelineType.GetMethods().Single(m => m.Name == "BeginAsync" && !m.IsGenericMethodDefinition));
            shape.Pipeline = begin.ReturnVariable!;
            frames.Add(begin);
            frames.Add(new StopIfAnsweredFrame(shape.Pipeline));

            // Wolverine's own frames stay first; the endpoint's own middleware (its Before/Load methods) runs after the
            // headers are read; the aggregate is loaded after the method that names its stream, if there is one, or
            // else before the endpoint's middleware, so that what runs later sees the locked stream.
            // (Wolverine lists the aggregate's loading step among its own when a Decide parameter binds to it: placed below.)
            var all = chain.Middleware.Where(f => !ReferenceEquals(f, shape.Load)).ToList();
            var firstOwn = all.FindIndex(f => f is MethodCall call && call.HandlerType == chain.Method.HandlerType);
            var wolverines = firstOwn < 0 ? all : all.Take(firstOwn).ToList();
            var own = firstOwn < 0 ? [] : all.Skip(firstOwn).ToList();
            var targetType = typeof(StreamTarget<>).MakeGenericType(shape.Aggregate);
            var targetIndex = own.FindIndex(f => f.Creates.Any(v => v.VariableType == targetType));

            chain.Middleware.Clear();
            chain.Middleware.AddRange(wolverines);
            chain.Middleware.AddRange(frames);
            if (targetIndex < 0)
            {
                AddLoad(chain, shape);
            }

            for (var i = 0; i < own.Count; i++)
            {
                chain.Middleware.Add(own[i]);
                if (i == targetIndex)
                {
                    AddLoad(chain, shape);
                }
            }

            Describe(chain, shape);
        }
    }

    private static void AddLoad(HttpChain chain, CommandShape shape)
    {
        if (shape.Load is null)
        {
            return;
        }

        chain.Middleware.Add(shape.Load);
        chain.Middleware.Add(new StopIfAnsweredFrame(shape.Pipeline!));
    }

    /// <summary>After <c>Decide</c>: conclude (append, remember, commit, answer) before any other postprocessor.</summary>
    public bool TryApply(HttpChain chain)
    {
        if (chain.ResourceType != typeof(Decision) || !Shapes.TryGetValue(chain, out var shape))
        {
            return false;
        }

        var method = shape.StartsStream
            ? typeof(StreamCommands).GetMethod(nameof(StreamCommands.ConcludeNewAsync))!.MakeGenericMethod(shape.Aggregate!, BodyOf(chain)!)
            : BodyOf(chain) is { } body
                ? typeof(StreamCommands).GetMethod(nameof(StreamCommands.ConcludeCommandAsync))!.MakeGenericMethod(shape.Aggregate!, body)
                : typeof(StreamCommands).GetMethod(nameof(StreamCommands.ConcludeAsync))!.MakeGenericMethod(shape.Aggregate!);
        chain.Postprocessors.Insert(0, new MethodCall(typeof(StreamCommands), method));
        return true;
    }

    /// <summary>The command's answers in OpenAPI: the acceptance, and problem details for each refusal of docs/api.md.</summary>
    private static void Describe(HttpChain chain, CommandShape shape)
    {
        var endpoint = new CommandEndpoint(shape.Name!, BodyOf(chain), shape.Aggregate!, shape.StartsStream, TargetedAggregate(chain) is not null);
        chain.Metadata.WithMetadata(endpoint);
        chain.Metadata.Finally(built =>
        {
            // Wolverine describes the Decision the method returns; the client sees the acceptance instead.
            foreach (var generic in built.Metadata.OfType<IProducesResponseTypeMetadata>().Where(m => m.Type == typeof(Decision)).ToArray())
            {
                built.Metadata.Remove(generic);
            }
        });

        var accepted = shape.Aggregate!.GetCustomAttribute<CommandAnswerAttribute>()?.Type ?? typeof(object);
        chain.Metadata.Produces(shape.StartsStream ? StatusCodes.Status201Created : StatusCodes.Status200OK, accepted);
        // A creation names no existing stream, so it is never 404 or 412.
        foreach (var status in Refusals.Where(s => !shape.StartsStream || s is not (StatusCodes.Status404NotFound or StatusCodes.Status412PreconditionFailed)))
        {
            chain.Metadata.ProducesProblem(status);
        }

        chain.Metadata.WithTags(shape.StartsStream ? shape.Aggregate!.Name.ToLowerInvariant() + "s" : "commands");
    }

    /// <summary>The type of the command's body; null for a command without one (Wolverine says <c>void</c> or null).</summary>
    private static Type? BodyOf(HttpChain chain) => chain.RequestType is { } type && type != typeof(void) ? type : null;

    private static Type Unwrapped(Type type) =>
        type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(Task<>) || type.GetGenericTypeDefinition() == typeof(ValueTask<>))
            ? type.GetGenericArguments()[0]
            : type;

    private sealed class CommandShape
    {
        public Type? Aggregate { get; set; }
        public bool StartsStream { get; set; }
        public string? Name { get; set; }
        public MethodCall? Load { get; set; }
        public Variable? Pipeline { get; set; }
    }

    /// <summary><c>if (pipeline.Answer != null) { write it; return; }</c></summary>
    private sealed class StopIfAnsweredFrame(Variable pipeline) : AsyncFrame
    {
        private Variable? _http;

        public override IEnumerable<Variable> FindVariables(IMethodVariables chain)
        {
            yield return pipeline;
            _http = chain.FindVariable(typeof(HttpContext));
            yield return _http;
        }

        public override void GenerateCode(GeneratedMethod method, ISourceWriter writer)
        {
            writer.WriteComment("The command is answered already (bad headers, a replayed Idempotency-Key, not found, stale If-Match)");
            writer.Write($"BLOCK:if ({pipeline.Usage}.{nameof(StreamCommand<IStreamAggregateProbe>.Answer)} != null)");
            writer.Write($"await {pipeline.Usage}.{nameof(StreamCommand<IStreamAggregateProbe>.Answer)}.{nameof(IResult.ExecuteAsync)}({_http!.Usage}).ConfigureAwait(false);");
            writer.Write("return;");
            writer.FinishBlock();
            Next?.GenerateCode(method, writer);
        }
    }

    private sealed class IStreamAggregateProbe : IStreamAggregate;
}

/// <summary>The static steps <see cref="StreamCommandPolicy"/> generates calls to (generic methods, so that the generated code names the aggregate).</summary>
public static class StreamCommands
{
    public static Task<TAggregate?> LoadAsync<TAggregate>(StreamCommand<TAggregate> pipeline, Guid id, CancellationToken cancellation)
        where TAggregate : class, IStreamAggregate =>
        pipeline.Answer is null ? pipeline.LoadAsync(id, cancellation) : Task.FromResult<TAggregate?>(null);

    public static Task<TAggregate?> LoadTargetAsync<TAggregate>(StreamCommand<TAggregate> pipeline, StreamTarget<TAggregate>? target, CancellationToken cancellation)
        where TAggregate : class, IStreamAggregate =>
        pipeline.Answer is null ? pipeline.LoadTargetAsync(target, cancellation) : Task.FromResult<TAggregate?>(null);

    public static Task ConcludeAsync<TAggregate>(StreamCommand<TAggregate> pipeline, Decision decision, CancellationToken cancellation)
        where TAggregate : class, IStreamAggregate =>
        pipeline.ConcludeAsync(decision, null, cancellation);

    public static Task ConcludeCommandAsync<TAggregate, TCommand>(StreamCommand<TAggregate> pipeline, Decision decision, TCommand command, CancellationToken cancellation)
        where TAggregate : class, IStreamAggregate
        where TCommand : notnull =>
        pipeline.ConcludeAsync(decision, command, cancellation);

    public static Task ConcludeNewAsync<TAggregate, TCommand>(StreamCommand<TAggregate> pipeline, Decision decision, TCommand command, CancellationToken cancellation)
        where TAggregate : class, IStreamAggregate
        where TCommand : IStartsStream<TAggregate> =>
        pipeline.ConcludeNewAsync(decision, command, cancellation);
}

/// <summary>
/// A <c>DateOnly today</c> parameter of an endpoint: the caller's institution's business date
/// (<see cref="Time.InstitutionCalendar"/>), so that a pure <c>Decide</c> can date what it records.
/// </summary>
public sealed class TodayParameterStrategy : IParameterStrategy
{
    public bool TryMatch(HttpChain chain, IServiceContainer container, ParameterInfo parameter, out Variable? variable)
    {
        variable = null;
        if (parameter.ParameterType != typeof(DateOnly) || parameter.Name != "today")
        {
            return false;
        }

        variable = new MethodCall(typeof(Time.InstitutionCalendar), nameof(Time.InstitutionCalendar.TodayOf)).ReturnVariable!;
        return true;
    }
}
