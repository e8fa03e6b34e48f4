package io.github.lambdasdlc.local.lambda.execution.handlers;

/** A POJO event. */
public class Person {
  private String name;

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }
}
