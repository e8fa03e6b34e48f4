package io.github.lambdasdlc.local.lambda;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.lambdasdlc.local.core.Json;
import io.github.lambdasdlc.local.lambda.code.CodeArchive;

/** GetAccountSettings: AWS's default quotas of a new account and this cloud's usage. */
final class LambdaAccount {
  /** AWS's default account quotas, as GetAccountSettings reports them for a new account. */
  static final long TOTAL_CODE_SIZE_LIMIT = 80_530_636_800L;
  static final int CONCURRENT_EXECUTIONS = 1000;

  private final FunctionRegistry registry;

  LambdaAccount(FunctionRegistry registry) {
    this.registry = registry;
  }

  ObjectNode getAccountSettings() {
    long[] usage = registry.locked(() -> {
      long total = 0;
      long count = 0;
      for (FunctionRecord r : registry.all()) {
        count++;
        total += r.latest.codeSize;
        for (FunctionVersion v : r.versions.values()) {
          total += v.codeSize;
        }
      }
      return new long[] {total, count};
    });
    ObjectNode out = Json.MAPPER.createObjectNode();
    ObjectNode limit = out.putObject("AccountLimit");
    limit.put("TotalCodeSize", TOTAL_CODE_SIZE_LIMIT);
    limit.put("CodeSizeUnzipped", CodeArchive.MAX_UNZIPPED_BYTES);
    limit.put("CodeSizeZipped", CodeArchive.MAX_ZIPPED_BYTES);
    limit.put("ConcurrentExecutions", CONCURRENT_EXECUTIONS);
    limit.put("UnreservedConcurrentExecutions", CONCURRENT_EXECUTIONS);
    ObjectNode use = out.putObject("AccountUsage");
    use.put("TotalCodeSize", usage[0]);
    use.put("FunctionCount", usage[1]);
    return out;
  }
}
