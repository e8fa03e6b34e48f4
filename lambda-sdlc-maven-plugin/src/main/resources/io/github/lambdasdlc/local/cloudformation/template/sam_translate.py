# Expands a SAM template (Transform: AWS::Serverless-2016-10-31) with AWS's own SAM translator, the
# aws-sam-translator package, for the lambda-sdlc local cloud. Reads {"template": ...} as JSON on stdin and
# writes one JSON object on stdout: {"template": processed}, {"error": message} or {"missing": message}.
import json
import sys


def main():
    request = json.load(sys.stdin)
    try:
        from samtranslator.internal.managed_policies import get_bundled_managed_policy_map
        from samtranslator.model.exceptions import InvalidDocumentException
        from samtranslator.parser.parser import Parser
        from samtranslator.translator.translator import Translator
    except ImportError as e:
        json.dump({"missing": str(e)}, sys.stdout)
        return
    policies = get_bundled_managed_policy_map(request.get("partition", "aws")) or {}
    try:
        processed = Translator(None, Parser()).translate(
            request["template"], parameter_values=request.get("parameters", {}),
            get_managed_policy_map=lambda: policies)
    except InvalidDocumentException as e:
        causes = " ".join(str(c.message) for c in getattr(e, "causes", []) if getattr(c, "message", None))
        json.dump({"error": (str(e.message) + (" " + causes if causes else "")).strip()}, sys.stdout)
        return
    except Exception as e:  # the translator's own failures, reported as the transform's
        json.dump({"error": type(e).__name__ + ": " + str(e)}, sys.stdout)
        return
    json.dump({"template": processed}, sys.stdout)


main()
