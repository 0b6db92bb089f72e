/**
 * Node-only: walks an XML part of an Office or OpenDocument file with saxes (a
 * streaming, conforming XML parser that expands no custom entities, so an XML
 * "billion laughs" cannot grow), calling back on each element and text run.
 */
import {SaxesParser} from "saxes";
import {ReplyError} from "../../core/errors.js";

export interface XmlVisitor {
  /** `stack` holds the names of the open elements, innermost last (the new element included). */
  open(name: string, attrs: Record<string, string>, stack: string[]): void;
  close(name: string, stack: string[]): void;
  text(text: string, stack: string[]): void;
}

export function walkXml(xml: string, file: string, what: string, visitor: XmlVisitor): void {
  const parser = new SaxesParser({position: true});
  const stack: string[] = [];
  parser.on("opentag", (tag) => {
    stack.push(tag.name);
    visitor.open(tag.name, tag.attributes as Record<string, string>, stack);
  });
  // saxes reports a self-closing element's end too.
  parser.on("closetag", (tag) => {
    visitor.close(tag.name, stack);
    stack.pop();
  });
  parser.on("text", (text) => visitor.text(text, stack));
  parser.on("cdata", (text) => visitor.text(text, stack));
  let failure: string | null = null;
  parser.on("error", (error) => {
    failure ??= error.message.split("\n")[0];
  });
  parser.write(xml);
  if (failure == null) parser.close();
  if (failure != null) throw new ReplyError(file, null, `the ${what} is damaged: its XML cannot be read (${failure})`);
}
