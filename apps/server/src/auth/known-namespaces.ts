import { Injectable } from '@nestjs/common';

// A permission may name only an existing namespace. The namespaces area answers that question
// (it registers its lookup at start-up), so auth, which every area uses, depends on none of them.
@Injectable()
export class KnownNamespaces {
  private lookup?: (namespaceId: string) => void;

  // `lookup` throws the namespaces area's "not found" for an unknown namespace.
  answerWith(lookup: (namespaceId: string) => void): void {
    this.lookup = lookup;
  }

  require(namespaceId: string): void {
    if (!this.lookup) throw new Error('no namespace lookup registered');
    this.lookup(namespaceId);
  }
}
