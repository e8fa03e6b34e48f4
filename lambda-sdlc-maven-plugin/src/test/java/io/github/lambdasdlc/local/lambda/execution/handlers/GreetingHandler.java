package io.github.lambdasdlc.local.lambda.execution.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

/** A RequestHandler with POJOs. */
public class GreetingHandler implements RequestHandler<Person, Greeting> {
  @Override
  public Greeting handleRequest(Person person, Context context) {
    System.out.println("greeting " + person.getName());
    Greeting g = new Greeting();
    g.setMessage("Hello, " + person.getName() + "!");
    return g;
  }
}
