package io.github.lambdasdlc.local.cloudformation;

import io.github.lambdasdlc.cfn.TemplateException;
import io.github.lambdasdlc.local.core.AwsError;
import io.github.lambdasdlc.local.core.LocalContext;
import io.github.lambdasdlc.local.core.FaultKind;
import io.github.lambdasdlc.local.http.HttpRequest;
import io.github.lambdasdlc.local.http.HttpResponse;
import io.github.lambdasdlc.local.http.Service;
import io.github.lambdasdlc.local.httpfront.HttpApis;
import io.github.lambdasdlc.local.lambda.FunctionsApi;
import io.github.lambdasdlc.xml.XmlWriter;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * CloudFormation (AWS Query protocol, API version 2010-05-15) for the local cloud: stacks of Lambda
 * functions, their versions, aliases and permissions, IAM roles and log groups, with AWS's asynchronous
 * lifecycle (create, update, delete, rollback), events, outputs and exports, and change sets.
 */
public final class CloudFormationService implements Service {
  private static final Logger LOG = Logger.getLogger(CloudFormationService.class.getName());

  private final StackMutations mutations;
  private final StackQueries queries;
  private final ChangeSets changeSets;
  private final CustomResourceResponses customResponses;

  private final LocalContext context;

  public CloudFormationService(LocalContext context, FunctionsApi lambda) {
    this(context, lambda, null);
  }

  /** With {@code httpApis}, the stacks' {@code AWS::ApiGatewayV2} resources are served; null refuses them. */
  public CloudFormationService(LocalContext context, FunctionsApi lambda, HttpApis httpApis) {
    StackRepository stacks = new StackRepository(context.store());
    StackEngine engine = new StackEngine(context, lambda, httpApis, stacks);
    engine.recover();
    this.mutations = new StackMutations(engine);
    this.changeSets = new ChangeSets(engine, mutations);
    this.queries = new StackQueries(stacks, engine.exports);
    this.customResponses = engine.customResponses;
    this.context = context;
  }

  @Override
  public String signingName() {
    return "cloudformation";
  }

  /** An unsigned Query request: a form whose Action is CloudFormation's, or of its API version. */
  @Override
  public boolean claims(HttpRequest request) {
    if (CustomResourceResponses.isResponse(request)) {
      return true;
    }
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

  /** A custom resource's answer, PUT to the ResponseURL the local cloud gave its provider (a pre-signed URL on AWS). */
  @Override
  public boolean servesUnsigned(HttpRequest request) {
    return CustomResourceResponses.isResponse(request);
  }

  @Override
  public HttpResponse handle(HttpRequest request) {
    if (CustomResourceResponses.isResponse(request)) {
      return customResponses.accept(request);
    }
    customResponses.noteHost(request);
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
        case CreateStack -> stackId(name, requestId, mutations.createStack(StackRequests.CreateStack.from(q)));
        case UpdateStack -> stackId(name, requestId, mutations.updateStack(StackRequests.UpdateStack.from(q)));
        case DeleteStack -> {
          mutations.deleteStack(StackRequests.DeleteStack.from(q));
          yield QueryCodec.response(name, requestId, null);
        }
        case UpdateTerminationProtection -> stackId(name, requestId,
            mutations.updateTerminationProtection(StackRequests.UpdateTerminationProtection.from(q)));
        case ValidateTemplate -> result(name, requestId, StackRequests.ValidateTemplate.from(q),
            (validate, w) -> StackTemplates.validateTemplate(context, validate, w));
        case DescribeStacks -> result(name, requestId, StackRequests.DescribeStacks.from(q), queries::describeStacks);
        case DescribeStackEvents -> result(name, requestId, StackRequests.StackPage.from(q),
            queries::describeStackEvents);
        case DescribeStackResource -> result(name, requestId, StackRequests.DescribeStackResource.from(q),
            queries::describeStackResource);
        case DescribeStackResources -> result(name, requestId, StackRequests.DescribeStackResources.from(q),
            queries::describeStackResources);
        case ListStackResources -> result(name, requestId, StackRequests.StackPage.from(q),
            queries::listStackResources);
        case ListStacks -> result(name, requestId, StackRequests.ListStacks.from(q), queries::listStacks);
        case ListExports -> result(name, requestId, StackRequests.ListExports.from(q), queries::listExports);
        case GetTemplate -> result(name, requestId, StackRequests.GetTemplate.from(q), queries::getTemplate);
        case GetTemplateSummary -> result(name, requestId, ChangeSetRequests.GetTemplateSummary.from(q),
            queries::getTemplateSummary);
        case CreateChangeSet -> {
          ChangeSets.Created created = changeSets.create(ChangeSetRequests.CreateChangeSet.from(q));
          yield QueryCodec.response(name, requestId, w -> w.text("Id", created.id()).text("StackId",
              created.stackId()));
        }
        case DescribeChangeSet -> result(name, requestId, ChangeSetRequests.ChangeSetRef.from(q),
            changeSets::describe);
        case ExecuteChangeSet -> {
          changeSets.execute(ChangeSetRequests.ChangeSetRef.from(q));
          yield QueryCodec.response(name, requestId, w -> { });
        }
        case DeleteChangeSet -> {
          changeSets.delete(ChangeSetRequests.ChangeSetRef.from(q));
          yield QueryCodec.response(name, requestId, w -> { });
        }
        case ListChangeSets -> result(name, requestId, ChangeSetRequests.ListChangeSets.from(q), changeSets::list);
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

  private static HttpResponse stackId(String action, String requestId, String stackId) {
    return QueryCodec.response(action, requestId, w -> w.text("StackId", stackId));
  }

  /** Decodes the request first (its errors come before any stack is looked at), then writes the result. */
  private static <R> HttpResponse result(String action, String requestId, R request,
      java.util.function.BiConsumer<R, XmlWriter> operation) {
    return QueryCodec.response(action, requestId, w -> operation.accept(request, w));
  }

  /** The operations served. */
  enum Action {
    CreateStack, UpdateStack, DeleteStack, UpdateTerminationProtection, ValidateTemplate, DescribeStacks,
    DescribeStackEvents, DescribeStackResource, DescribeStackResources, ListStackResources, ListStacks,
    ListExports, GetTemplate, GetTemplateSummary, CreateChangeSet, DescribeChangeSet, ExecuteChangeSet,
    DeleteChangeSet, ListChangeSets;

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
