package dev.runboard.plugin.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The graph blob's JSON read into nodes and name scopes. */
class RunGraphsTest {
  private static GraphDocument parse(String json) {
    return RunGraphs.parse("r", json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void nameScopesComeFromSlashesAndANodeNamedLikeAScopeGoesInside() {
    GraphDocument doc = parse("""
        {"source":"tensorflow","nodes":[
          {"name":"Variable","op":"VariableV2","inputs":[],"output_shape":[3],"params":0,"device":"/cpu:0","attrs":{"dtype":"DT_FLOAT"}},
          {"name":"Variable/read","op":"Identity","inputs":["Variable"],"output_shape":[3],"params":0,"device":"","attrs":{}},
          {"name":"layer/dense/MatMul","op":"MatMul","inputs":["Variable/read"],"output_shape":[-1,3],"params":0,"device":"","attrs":{}},
          {"name":"out","op":"Identity","inputs":["layer/dense/MatMul"],"output_shape":[],"params":0,"device":"","attrs":{}}]}""");
    assertThat(doc.source()).isEqualTo("tensorflow");
    assertThat(doc.groups()).containsExactly(
        new GraphDocument.Group("Variable", "", 2),
        new GraphDocument.Group("layer", "", 1),
        new GraphDocument.Group("layer/dense", "layer", 1));
    assertThat(doc.nodes()).extracting(GraphDocument.Node::group).containsExactly("Variable", "Variable", "layer/dense", "");
    assertThat(doc.nodes().get(0).device()).isEqualTo("/cpu:0");
    assertThat(doc.nodes().get(0).attrs()).containsEntry("dtype", "DT_FLOAT");
    assertThat(doc.nodes().get(2).outputShape()).containsExactly(-1L, 3L);
  }

  @Test
  void aBlobThatIsNotAGraphIsUnreadable() {
    assertThatThrownBy(() -> parse("{\"nodes\":")).isInstanceOf(GraphUnreadableException.class).hasMessageContaining("not valid JSON");
    assertThatThrownBy(() -> parse("{\"edges\":[]}")).hasMessageContaining("no node list");
    assertThatThrownBy(() -> parse("{\"nodes\":[{\"name\":\"a\"},{\"name\":\"a\"}]}")).hasMessageContaining("named 'a' twice");
    assertThatThrownBy(() -> parse("{\"nodes\":[{\"op\":\"X\"}]}")).hasMessageContaining("without a name");
  }
}
