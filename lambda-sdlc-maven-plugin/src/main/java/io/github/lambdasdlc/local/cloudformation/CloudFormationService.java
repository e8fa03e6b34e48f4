package io.github.lambdasdlc.local.cloudformation;

import io.github.lambdasdlc.local.core.AwsError;
import io.github.lambdasdlc.local.core.LocalContext;
import io.github.lambdasdlc.local.cloudformation.template.TemplateException;
import io.github.lambdasdlc.local.core.FaultKind;
import io.github.lambdasdlc.local.http.HttpRequest;
import io.github.lambdasdlc.local.http.HttpResponse;
import io.github.lambdasdlc.local.http.Service;
import io.github.lambdasdlc.local.lambda.FunctionsApi;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * CloudFormation (AWS Query protocol, API version 2010-05-15) for the local cloud: stacks of Lambda
 * functions, their versions, aliases and permissions, IAM roles and log groups, with AWS's asynchronous
 * lifecycle (create, update, delete, rollback), events, outputs and exports.
 */
public final class CloudFormationService implements Service {
  private static final Logger LOG = Logger.getLogger(CloudFormationService.class.getName());

  private final StackMutations mutations;
  private final StackQueries queries;

  public CloudFormationService(LocalContext context, FunctionsApi lambda) {
    StackRepository stacks = new StackRepository(context.store());
    StackEngine engine = new StackEngine(context, lambda, stacks);
    engine.recover();
    this.mutations = new StackMutations(engine);
    this.queries = new StackQueries(stacks, engine.exports);
  }

  @Override
  public String signingName() {
    return "cloudformation";
  }

  /** An unsigned Query request: a form whose Action is CloudFormation's, or of its API version. */
  @Override
  public boolean claims(HttpRequest request) {
    QueryRequest q;
    try {
      q = QueryCodec.decode(request);
    } catch (AwsError e) {
      return false;
    }
    return q.action() != null && (Action.byName(q.action()) != null || "2010-05-15".equals(q.get("Version")));
  }

  /** The Query {@code Action}, when it is one CloudFormation serves here. */
  @Override
  public String operationName(HttpRequest request) {
    try {
      String action = QueryCodec.decode(request).action();
      return action != null && Action.byName(action) != null ? action : null;
    } catch (AwsError e) {
      return null;
    }
  }

  @Override
  public HttpResponse errorResponse(AwsError error) {
    return QueryCodec.error(error, UUID.randomUUID().toString());
  }

  /** Query APIs answer an unsigned request with {@code MissingAuthenticationToken}, 403. */
  @Override
  public HttpResponse refusal(String why) {
    return errorResponse(new AwsError(403, "MissingAuthenticationToken", "Request is missing Authentication Token. "
        + why));
  }

  /**
   * CloudFormation's answers when it throttles ({@code Throttling}, 400, a Sender fault, "Rate exceeded",
   * as AWS sends it), fails ({@code InternalFailure}, 500) or is unavailable ({@code ServiceUnavailable},
   * 503), with the wording of AWS's common errors of Query APIs.
   */
  @Override
  public HttpResponse faultResponse(FaultKind kind) {
    return errorResponse(switch (kind) {
      case THROTTLING -> new AwsError(400, "Throttling", "Rate exceeded", true);
      case SERVICE_UNAVAILABLE -> new AwsError(503, "ServiceUnavailable",
          "The request has failed due to a temporary failure of the server.", false);
      default -> new AwsError(500, "InternalFailure",
          "The request processing has failed because of an unknown error, exception or failure.", false);
    });
  }

  @Override
  public HttpResponse handle(HttpRequest request) {
    String requestId = UUID.randomUUID().toString();
    try {
      QueryRequest q = QueryCodec.decode(request);
      String name = q.action();
      if (name == null) {
        throw new AwsError(400, "MissingAction", "Missing Action");
      }
      Action action = Action.byName(name);
      if (action == null) {
        throw CloudFormationErrors.invalidAction(name);
      }
      return switch (action) {
        case CreateStack -> {
          String id = mutations.createStack(q);
          yield QueryCodec.response(name, requestId, w -> w.text("StackId", id));
        }
        case UpdateStack -> {
          String id = mutations.updateStack(q);
          yield QueryCodec.response(name, requestId, w -> w.text("StackId", id));
        }
        case DeleteStack -> {
          mutations.deleteStack(q);
          yield QueryCodec.response(name, requestId, null);
        }
        case UpdateTerminationProtection -> {
          String id = mutations.updateTerminationProtection(q);
          yield QueryCodec.response(name, requestId, w -> w.text("StackId", id));
        }
        case ValidateTemplate -> QueryCodec.response(name, requestId, w -> mutations.validateTemplate(q, w));
        case DescribeStacks -> QueryCodec.response(name, requestId, w -> queries.describeStacks(q, w));
        case DescribeStackEvents -> QueryCodec.response(name, requestId, w -> queries.describeStackEvents(q, w));
        case DescribeStackResource -> QueryCodec.response(name, requestId, w -> queries.describeStackResource(q, w));
        case DescribeStackResources -> QueryCodec.response(name, requestId, w -> queries.describeStackResources(q, w));
        case ListStackResources -> QueryCodec.response(name, requestId, w -> queries.listStackResources(q, w));
        case ListStacks -> QueryCodec.response(name, requestId, w -> queries.listStacks(q, w));
        case ListExports -> QueryCodec.response(name, requestId, w -> queries.listExports(q, w));
        case GetTemplate -> QueryCodec.response(name, requestId, w -> queries.getTemplate(q, w));
      };
    } catch (AwsError e) {
      return QueryCodec.error(e, requestId);
    } catch (TemplateException e) {
      return QueryCodec.error(CloudFormationErrors.validation(e.getMessage()), requestId);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "CloudFormation request failed", e);
      return QueryCodec.error(new AwsError(500, "InternalFailure", "The local cloud failed to answer (" + e.getClass().getSimpleName()
          + "); its log has the details.", false), requestId);
    }
  }

  /** The operations served. */
  enum Action {
    CreateStack, UpdateStack, DeleteStack, UpdateTerminationProtection, ValidateTemplate, DescribeStacks,
    DescribeStackEvents, DescribeStackResource, DescribeStackResources, ListStackResources, ListStacks,
    ListExports, GetTemplate;

    static Action byName(String name) {
      for (Action a : values()) {
        if (a.name().equals(name)) {
          return a;
        }
      }
      return null;
    }
  }
}
